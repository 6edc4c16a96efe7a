"""Command line: ``python -m sim run|compare|sweep|params|scenarios``.

Options come from the parameter declarations: ``--set NAME=VALUE`` accepts any name listed by
``python -m sim params``. Results go to ``--out FILE`` (.csv or .json), never over an existing
file unless ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from . import engine, runner
from .i18n import languages, t
from .params import PARAMS, ParameterError
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


def save(frame_or_result, out: str | None, force: bool, lang: str):
    if not out:
        return
    path = Path(out)
    if isinstance(frame_or_result, runner.RunResult):
        writer = frame_or_result.to_json if path.suffix == ".json" else frame_or_result.to_csv
        writer(path, force=force, lang=lang)
    else:
        text = (frame_or_result.to_json(orient="records") if path.suffix == ".json"
                else frame_or_result.to_csv(index=False))
        engine.write_file(path, text, force, lang)
    print(t("cli.saved", lang, path=path))


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
    common(p, seeds=True)
    p = sub.add_parser("params", help=h("params"))
    p.add_argument("--lang", choices=languages(), default="en")
    p.add_argument("--group", default=None)
    p = sub.add_parser("scenarios", help=h("scenarios"))
    p.add_argument("--lang", choices=languages(), default="en")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser(help_language(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    lang = args.lang
    pd.set_option("display.width", 160)
    try:
        if getattr(args, "out", None) and Path(args.out).exists() and not args.force:
            raise FileExistsError(t("error.file_exists", lang, path=args.out))  # before any work
        if args.command == "params":
            print(pd.DataFrame(param_table(lang, args.group)).to_string(index=False))
        elif args.command == "scenarios":
            print(pd.DataFrame(scenario_table(lang)).to_string(index=False))
        elif args.command == "run":
            result = runner.run(args.scenario, seed=args.seed, weeks=args.weeks, lang=lang,
                                **parse_assignments(args.set, lang))
            print(result.summary(lang))
            save(result, args.out, args.force, lang)
        elif args.command == "compare":
            extra = parse_assignments(args.set, lang)
            variants = {name: {"scenario": name, **extra} for name in args.scenarios}
            table = runner.compare(variants, seeds=range(args.seeds), weeks=args.weeks,
                                   metrics=(args.metric,))
            final = table[table.week == table.week.max()]
            print(final.drop(columns=["week"]).round(2).to_string(index=False))
            save(table, args.out, args.force, lang)
        elif args.command == "sweep":
            grid = parse_grid(args.grid, lang)
            table = runner.sweep(grid, seeds=range(args.seeds), weeks=args.weeks,
                                 base={"scenario": args.scenario,
                                       **parse_assignments(args.set, lang)})
            summary = (table.groupby([*grid, "seller"])[args.metric]
                       .agg(["mean", "std", "count"]).round(2))
            print(summary.to_string())
            save(table, args.out, args.force, lang)
        elif args.command == "tournament":
            table = tournament(args.folder, seeds=range(args.seeds), weeks=args.weeks,
                               market={"scenario": args.scenario,
                                       **parse_assignments(args.set, lang)}, lang=lang)
            print(t("cli.tournament_done", lang, n=len(table), games=int(table.games.iloc[0])))
            print(table.drop(columns=["file"]).round(1).to_string(index=False))
            save(table, args.out, args.force, lang)
    except (ParameterError, FileExistsError, ValueError) as err:
        print(t("cli.error", lang, problem=err), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
