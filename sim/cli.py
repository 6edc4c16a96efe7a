"""Command line: ``python -m sim run|compare|sweep|params|scenarios``.

Options come from the parameter declarations: ``--set NAME=VALUE`` accepts any name listed by
``python -m sim params``. Results go to ``--out FILE`` (.csv or .json), never over an existing
file unless ``--force``.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from itertools import product
from pathlib import Path

import pandas as pd

from . import runner
from .files import csv_safe, write_new
from .i18n import languages, number, t
from .params import PARAMS, ParameterError, unused_by_strategy, validate
from .params import params as param_table
from .scenarios import SCENARIOS
from .scenarios import scenarios as scenario_table
from .tournament import tournament


def parse_value(text: str):
    """'0.3' → 0.3, '12' → 12, 'none' → None, anything else stays a string."""
    if text.lower() == "none":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_assignments(items: list[str], lang: str) -> dict:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise ParameterError("error.bad_assignment", lang, name=item, value=item,
                                 valid="NAME=VALUE")
        out[name.strip()] = parse_value(value.strip())
    return out


def parse_grid(items: list[str], lang: str) -> dict:
    grid = {}
    for name, value in parse_assignments(items, lang).items():
        grid[name] = [parse_value(v) for v in str(value).split(",")]
    return grid


OUT_SUFFIXES = (".csv", ".json")
RUN_TABLES = ("weekly", "market", "customers", "relationships")  # what `run --table` writes


def check_out(out: str | None, force: bool, lang: str) -> Path | None:
    """Refuse a bad ``--out`` before any work: a missing folder, a folder, an existing file
    (without --force) or a suffix other than .csv/.json."""
    if not out:
        return None
    path = Path(out)
    if path.is_dir():
        raise CliError(t("error.is_folder", lang, path=path))
    if path.suffix.lower() not in OUT_SUFFIXES:
        raise CliError(t("cli.out_suffix", lang, path=path, valid=", ".join(OUT_SUFFIXES)))
    if not path.parent.is_dir():
        raise CliError(t("cli.out_no_folder", lang, path=path, folder=path.parent))
    if (path.exists() or path.is_symlink()) and not force:
        raise CliError(t("error.file_exists", lang, path=path))
    return path


def save(frame_or_result, out: str | None, force: bool, lang: str):
    if not out:
        return
    path = Path(out)
    as_json = path.suffix.lower() == ".json"
    if isinstance(frame_or_result, runner.RunResult):
        writer = frame_or_result.to_json if as_json else frame_or_result.to_csv
        writer(path, force=force, lang=lang)
    else:
        text = (frame_or_result.to_json(orient="records") if as_json
                else csv_safe(frame_or_result).to_csv(index=False))
        write_new(path, text, force=force, lang=lang, mkdir=False)
    print(t("cli.saved", lang, path=path))


def note_unused(specs, given, lang: str) -> None:
    """Say (on stderr) when a setting changes nothing because its seller's strategy never
    reads it, e.g. a switch week for a seller that never switches; ``specs`` are the markets
    the settings go into."""
    told = set()
    for spec in specs:
        values = validate(runner.resolve(spec, lang)[1], lang)
        for name, seller, strategy in unused_by_strategy(values, given):
            if (name, strategy) not in told:
                told.add((name, strategy))
                print(t(f"cli.unused.{name.partition('.')[2]}", lang, name=name,
                        value=values[name], seller=seller,
                        strategy=t(f"strategy.{strategy}", lang)), file=sys.stderr)


class CliError(ValueError):
    """A mistake on the command line, already worded for the user."""


_METRICS: list[str] = []


def metric_names() -> list[str]:
    """The numeric columns of the weekly table (what --metric can name)."""
    if not _METRICS:
        weekly = runner.run("head_to_head", seed=1, weeks=1).weekly
        _METRICS.extend(c for c in weekly.select_dtypes("number").columns if c != "week")
    return _METRICS


def check_metric(metric: str, lang: str) -> str:
    names = metric_names()
    if metric not in names:
        raise CliError(t("cli.unknown_metric", lang, metric=metric, valid=", ".join(names)))
    return metric


def find_group(group: str | None, lang: str) -> str | None:
    """The group id for ``--group``: an id (``money``) or the name ``params`` prints
    (``Money``, ``Uang``), in either language, any case."""
    if group is None:
        return None
    ids = sorted({p.group for p in PARAMS.values()})
    wanted = group.strip().casefold()
    for gid in ids:
        names = {gid, *(t(f"group.{gid}", lg) for lg in languages())}
        if wanted in {n.casefold() for n in names}:
            return gid
    shown = ", ".join(f"{gid} ({t(f'group.{gid}', lang)})" for gid in ids)
    raise CliError(t("cli.unknown_group", lang, group=group, valid=shown))


def show(frame: pd.DataFrame, lang: str, decimals: int = 1, index: bool = False) -> str:
    """A table as text, numbers in the language's format (id: 3.850,5)."""
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_float_dtype(frame[col]):
            frame[col] = frame[col].map(lambda v: "" if pd.isna(v) else number(v, lang,
                                                                               decimals))
    return frame.to_string(index=index)


def _progress(lang: str):
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print("\r" + t("tournament.progress", lang, done=done, total=total), end=end,
              file=sys.stderr, flush=True)
    return report


def run_tournament(args, lang: str) -> pd.DataFrame:
    market = {"scenario": args.scenario, **parse_assignments(args.set, lang)}
    workers = args.jobs or os.cpu_count() or 1
    executor = runner.process_pool(workers) if workers > 1 else None
    try:
        table = tournament(args.folder, seeds=range(args.seeds), weeks=args.weeks,
                           market=market, lang=lang, executor=executor,
                           progress=_progress(lang))
    finally:
        if executor is not None:
            executor.shutdown()
    problems, failed = table.attrs.get("problems", []), table.attrs.get("failed", [])
    if problems:
        print(t("tournament.left_out", lang), file=sys.stderr)
        for line in problems:
            print(f"  - {line}", file=sys.stderr)
    for line in failed:
        print(f"  - {line}", file=sys.stderr)
    return table


def _shops(paths: list[str], lang: str) -> list[tuple[Path, object]]:
    """Every usable shop file among ``paths`` (files, or folders of them); the ones that cannot
    be used are named on stderr with the reason."""
    from .shop import ShopFileError, load_shop, load_shops

    found = []
    for path in map(Path, paths):
        if path.is_dir():
            shops, problems = load_shops(path, lang)
            found += shops
        else:
            problems = []
            try:
                found.append((path, load_shop(path, lang)))
            except ShopFileError as err:
                problems.append(str(err))
        for line in problems:
            print(line, file=sys.stderr)
    return found


def run_shops(args, lang: str) -> pd.DataFrame:
    """Calibrate every shop (and ask its strategy question); one row per shop, side by side."""
    from .calibration import calibrate
    from .course.results import parts_sentence
    from .question import difference, strategy_question

    rows = []
    seeds = range(1, args.seeds + 1)
    with runner.process_pool(os.cpu_count() or 1) as executor:
        for path, shop in _shops(args.paths, lang):
            fit = calibrate(shop, seeds, executor, lang)
            print(fit.report(lang), end="\n\n")
            row = {"file": path.name, "name": shop["name"], "matched": fit.matched,
                   "need_rate": fit.need_rate, "market_share": fit.market_share,
                   "people_in_market": fit.people_in_market}
            if args.question:
                for answer in strategy_question(fit, seeds, executor=executor):
                    if answer is None:
                        continue
                    print(answer.text(lang), end="\n\n")
                    row[f"{answer.question}_best"] = answer.best
                    row[f"{answer.question}_no_clear_difference"] = ", ".join(answer.tied())
                split = difference(fit, seeds, executor=executor)  # what made the difference
                print(parts_sentence(split, lang), end="\n\n")
                for part, mean in split.parts.set_index("part")["mean"].items():
                    row[f"difference_{part}"] = mean
            rows.append(row)
    return csv_safe(pd.DataFrame(rows))


def help_language(argv: list[str]) -> str:
    """The ``--lang`` given on the command line (for the help texts), else English."""
    for k, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else None)
        if value in languages():
            return value
    return "en"


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser, its help texts in ``lang`` (``cli.help.*`` in the catalogues)."""
    def h(key, **fields):
        return t(f"cli.help.{key}", lang, **fields)

    parser = argparse.ArgumentParser(prog="python -m sim", description=h("description"))
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, seeds=False):
        p.add_argument("--lang", choices=languages(), default="en")
        p.add_argument("--weeks", type=int, default=None)
        p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                       help=h("set", n=len(PARAMS)))
        p.add_argument("--out", default=None, help=h("out"))
        p.add_argument("--force", action="store_true", help=h("force"))
        if seeds:
            p.add_argument("--seeds", type=int, default=5, help=h("seeds"))
        else:
            p.add_argument("--seed", type=int, default=1)

    p = sub.add_parser("run", help=h("run"))
    p.add_argument("--scenario", default="head_to_head", choices=list(SCENARIOS))
    p.add_argument("--table", default="weekly", choices=RUN_TABLES, help=h("table"))
    common(p)
    p = sub.add_parser("compare", help=h("compare"))
    p.add_argument("scenarios", nargs="+", choices=list(SCENARIOS))
    p.add_argument("--metric", default="cumulative_profit")
    common(p, seeds=True)
    p = sub.add_parser("sweep", help=h("sweep"))
    p.add_argument("--scenario", default="head_to_head", choices=list(SCENARIOS))
    p.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2,...",
                   required=True)
    p.add_argument("--metric", default="cumulative_profit")
    common(p, seeds=True)
    p = sub.add_parser("tournament", help=h("tournament"))
    p.add_argument("folder", help=h("folder"))
    p.add_argument("--scenario", default="head_to_head", choices=list(SCENARIOS),
                   help=h("market"))
    p.add_argument("--jobs", type=int, default=0,
                   help=h("jobs"))
    common(p, seeds=True)
    p = sub.add_parser("shop", help=h("shop"))
    p.add_argument("paths", nargs="+", help=h("shop_paths"))
    p.add_argument("--lang", choices=languages(), default="en")
    p.add_argument("--seeds", type=int, default=4, help=h("seeds_from_1"))
    p.add_argument("--question", action="store_true", help=h("shop_question"))
    p.add_argument("--out", default=None, help=h("out"))
    p.add_argument("--force", action="store_true", help=h("force"))
    p = sub.add_parser("params", help=h("params"))
    p.add_argument("--lang", choices=languages(), default="en")
    p.add_argument("--group", default=None,
                   help=h("group"))
    p = sub.add_parser("scenarios", help=h("scenarios"))
    p.add_argument("--lang", choices=languages(), default="en")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(help_language(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    lang = args.lang
    pd.set_option("display.width", 160)
    try:
        return _main(args, lang)
    except ParameterError as err:
        print(t("cli.error", lang, problem=err), file=sys.stderr)
    except OSError as err:  # one line naming the path, never a traceback
        print(t("cli.error", lang, problem=_os_message(err, lang)), file=sys.stderr)
    except (CliError, ValueError) as err:
        print(t("cli.error", lang, problem=err), file=sys.stderr)
    except KeyboardInterrupt:  # Ctrl+C during a long tournament: stop quietly
        print(file=sys.stderr)
        return 130
    return 2


_OS_REASONS = {errno.EACCES: "cli.os.denied", errno.EPERM: "cli.os.denied",
               errno.ENOSPC: "cli.os.full", errno.EDQUOT: "cli.os.full",
               errno.ENOENT: "cli.os.missing", errno.ENOTDIR: "cli.os.missing",
               errno.EROFS: "cli.os.read_only", errno.EISDIR: "cli.os.folder"}


def _os_message(err: OSError, lang: str) -> str:
    if isinstance(err, (FileExistsError, IsADirectoryError)) and not err.errno:
        return str(err)  # already worded by sim.files
    path = err.filename or "?"
    key = _OS_REASONS.get(err.errno)
    reason = t(key, lang) if key else (err.strerror or str(err))
    return t("cli.os_error", lang, path=path, reason=reason)


def _main(args, lang: str) -> int:
    check_out(getattr(args, "out", None), getattr(args, "force", False), lang)  # before work
    if getattr(args, "metric", None):
        check_metric(args.metric, lang)
    if args.command == "params":
        rows = param_table(lang, find_group(args.group, lang))
        print(pd.DataFrame(rows).to_string(index=False))
    elif args.command == "scenarios":
        print(pd.DataFrame(scenario_table(lang)).to_string(index=False))
    elif args.command == "run":
        settings = parse_assignments(args.set, lang)
        note_unused([{"scenario": args.scenario, **settings}], settings, lang)
        result = runner.run(args.scenario, seed=args.seed, weeks=args.weeks, lang=lang,
                            **settings)
        print(result.summary(lang))
        as_csv = args.out and not args.out.lower().endswith(".json")
        save(getattr(result, args.table) if as_csv and args.table != "weekly" else result,
             args.out, args.force, lang)
    elif args.command == "compare":
        extra = parse_assignments(args.set, lang)
        variants = {name: {"scenario": name, **extra} for name in args.scenarios}
        note_unused(variants.values(), extra, lang)
        table = runner.compare(variants, seeds=range(args.seeds), weeks=args.weeks,
                               metrics=(args.metric,))
        final = table[table.week == table.week.max()]
        print(show(final.drop(columns=["week"]), lang, 2))
        save(table, args.out, args.force, lang)
    elif args.command == "sweep":
        grid, settings = parse_grid(args.grid, lang), parse_assignments(args.set, lang)
        base = {"scenario": args.scenario, **settings}
        note_unused([base | dict(zip(grid, combo, strict=True))
                     for combo in product(*grid.values())], [*settings, *grid], lang)
        table = runner.sweep(grid, seeds=range(args.seeds), weeks=args.weeks, base=base)
        summary = (table.groupby([*grid, "seller"])[args.metric]
                   .agg(["mean", "std", "count"]))
        print(show(summary.reset_index(), lang, 2))
        save(table, args.out, args.force, lang)
    elif args.command == "shop":
        table = run_shops(args, lang)
        if len(table) > 1:
            print(show(table, lang, 2))
        save(table, args.out, args.force, lang)
    elif args.command == "tournament":
        table = run_tournament(args, lang)
        print(t("cli.tournament_done", lang, n=len(table), games=int(table.games.max())))
        print(show(table, lang, 1))
        save(table, args.out, args.force, lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
