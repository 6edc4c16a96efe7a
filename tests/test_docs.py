"""The model guide's generated tables match the declarations; every parameter is documented."""

from sim.docs import README, render
from sim.params import LEVERS, PARAMS


def test_generated_blocks_are_up_to_date():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run `python -m sim.docs` to refresh sim/README.md"


def test_every_parameter_appears_in_the_guide():
    text = README.read_text(encoding="utf-8")
    levers = {lv.param.name for lv in LEVERS}
    for name in PARAMS:
        short = name.split(".", 1)[1] if name.startswith("seller") else name
        assert f"`{short}`" in text or f"`{name.replace(name.split('.')[0], 'sellerN')}`" \
            in text or short in levers, name


def test_guide_has_the_info_tab_and_odd_sections():
    text = README.read_text(encoding="utf-8")
    for heading in ("WHAT IS IT?", "HOW IT WORKS", "HOW TO USE IT", "THINGS TO NOTICE",
                    "THINGS TO TRY", "EXTENDING THE MODEL", "RELATED MODELS",
                    "CREDITS AND REFERENCES", "ODD description"):
        assert f"## {heading}" in text
