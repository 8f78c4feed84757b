"""The rules of issue 16 one by one, on phrasings that are not in the corpus (the rules must
generalise), and letter case decided per rule, tested both ways."""

import pytest

from ta_desktop.core.domain.speclint import lint


def rules(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in lint(text).findings]


@pytest.mark.parametrize("line", [
    "Abrasion loss grade 2 or better per ISO 4649",
    "Insulation class F or higher per IEC 60085",
    "Luminous efficacy 120 lm/W or higher",
    "Protection IPX4 or better (IEC 60529)",
    "Water resistance 10 ATM or better per ISO 22810",
])
def test_a_graded_minimum_tied_to_a_standard_or_a_measure_is_clear(line):
    assert rules(line) == []


@pytest.mark.parametrize(("line", "text"), [
    ("Steel frame, Q235 or better", None),  # a grade, but tied to nothing
    ("Grade A or higher", "or higher"),
    ("Zipper: YKK or better", "or better"),
])
def test_an_open_minimum_is_flagged(line, text):
    found = [t for rule, t in rules(line) if rule == "OPEN-ENDED"]
    assert found and (text is None or text in found)


def test_a_test_with_its_standard_after_the_word_is_not_a_claim():
    assert rules("Durability: 25,000 cycles per EN 12520") == []
    assert ("UNMEASURED", "Durability") in rules("Durability must be good")


@pytest.mark.parametrize("line", [
    "Handles: black anodised aluminium 6063-T5",
    "No white rust after 24 h per ISO 9227",
    "Folding box: 300 gsm grey board",
    "Washers: yellow zinc, Fe/Zn 5 per ISO 4042",
])
def test_a_colour_word_naming_a_process_or_grade_needs_no_code(line):
    assert rules(line) == []


def test_a_colour_word_before_another_noun_is_still_a_colour():
    assert ("COLOUR-CODE", "black") in rules("Handles: black plastic")


def test_process_step_versus_blank():
    assert rules("Carton marks to be approved by the buyer before packing") == []
    assert rules("Print layout to be confirmed by the buyer before printing") == []
    assert ("LOOPHOLE", "to be confirmed") in rules("Print layout to be confirmed")
    assert ("LOOPHOLE", "TBC") in rules("Print layout: TBC by the factory before printing")
    assert ("LOOPHOLE", "to be confirmed") in rules(
        "Print layout to be confirmed by the supplier before printing")


def test_quoted_text_is_not_judged_but_the_rest_of_the_line_is():
    assert rules('Back print: "Nice and soft, the best nap ever"') == []
    assert rules("Back print: “Simply perfect”, colour red") == [("COLOUR-CODE", "red")]
    assert ("DIM-UNIT", "30 x 20 x 10") in rules('Size 30 x 20 x 10, print "Hello"')
    assert rules('Size 12" x 8" ± 0.1"') == []  # inch marks are not quotes


def test_a_designation_fixes_a_material_family():
    assert rules("Cord: polyester 600D") == []
    assert rules("Seal ring: rubber 65 Shore A") == []
    assert ("MATERIAL-GRADE", "polyester") in rules("Cord: polyester")


def test_a_labelled_material_line_with_only_a_family_is_flagged_even_with_a_grade_elsewhere():
    text = "Material: plastic\nLid: PP"
    assert [(f.rule, f.text) for f in lint(text).findings] == [("MATERIAL-GRADE", "plastic")]
    assert rules("Materials: metal and plastic") == [("MATERIAL-GRADE", "metal and plastic")]
    assert rules("Material: plastic (ABS)") == []


def test_a_size_line_without_any_unit_is_flagged():
    assert rules("Size: 50/40/30") == [("DIM-UNIT", "50/40/30")]
    assert rules("Dimensions: W 40, D 30") == [("DIM-UNIT", "40, D 30")]
    assert rules("Sizes: 38-44 EU") == []
    assert rules("Sample size 125 pcs") == []
    assert rules("Dimensions per drawing_rev2.pdf") == []


@pytest.mark.parametrize("line", ["Delivery: q2", "Delivery: Q2", "Ship in q2 2027"])
def test_quarters_are_vague_in_any_case_when_they_date_a_shipment(line):
    assert [rule for rule, _ in rules(line)] == ["DATE-VAGUE"]


def test_a_quarter_outside_shipment_is_not_a_date():
    assert rules("q2 sales forecast: 3,000 pcs") == []


@pytest.mark.parametrize("line", ["Delivery: summer", "Delivery: SUMMER", "Delivery: Summer",
                                  "ETD autumn/winter 2026"])
def test_seasons_are_vague_in_any_case_when_they_date_a_shipment(line):
    assert {rule for rule, _ in rules(line)} == {"DATE-VAGUE"}


def test_a_season_word_that_is_a_part_is_not_a_date():
    assert rules("Spring: music wire, 0.5 mm ± 0.02 mm") == []


@pytest.mark.parametrize("line", ["Colour: silver", "Trim in gold", "Knob: brass look",
                                  "Frame: gunmetal finish"])
def test_metals_used_as_colours_need_a_code(line):
    assert [rule for rule, _ in rules(line)] == ["COLOUR-CODE"]


@pytest.mark.parametrize("line", ["Pins: gold plated 1 µm", "Colour: silver, Pantone 877 C",
                                  "Wire: copper 99.9%, 0.5 mm², 10 strands"])
def test_metals_used_as_metals_are_not_colours(line):
    assert [rule for rule, _ in rules(line) if rule == "COLOUR-CODE"] == []


def test_reach_counts_only_in_capitals_or_before_a_regulation_word():
    assert "standards" in lint("Heater must reach 100 °C in 60 s").missing
    assert "standards" not in lint("Complies with REACH").missing
    assert "standards" not in lint("reach svhc declaration supplied").missing


def test_ce_counts_only_in_capitals_or_as_a_marking():
    assert "standards" in lint("Certified, see ce").missing
    assert "standards" not in lint("Marking: CE").missing
    assert "standards" not in lint("ce marking on the label").missing


def test_unambiguous_acronyms_count_in_any_case():
    assert "standards" not in lint("rohs compliant").missing
    assert rules("Certified: fcc part 15B") == []


def test_a_sampling_standard_fills_inspection_not_standards():
    report = lint("Inspection: AQL 2.5 per ISO 2859-1")
    assert "inspection" not in report.missing
    assert "standards" in report.missing
    assert "standards" not in lint("Inspection: ISO 2859-1\nSafety: EN 71-3").missing
