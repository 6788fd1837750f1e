"""Linear time of the whole ``pii_redact`` finder on PII-dense documents: address books, contact lists,
order exports, where every line holds a finding and later rules test their candidates against the
findings so far. A rule that scans every earlier finding per candidate is quadratic in the number of
findings (a 400 KB list of UK addresses took 28 CPU-s and a 1 MB one hit the per-document watchdog
before ``_number_name_postal`` used a coverage mask).

A complexity test, not a speed test (``tests/pii_linear.py``): T(8n) / T(n) of the thread's CPU time
stays below 16 (linear: 8, quadratic: 64).
"""

from __future__ import annotations

import pytest

from operators.pii import PiiRedact
from tests.pii_linear import ratio

MAX_RATIO = 16
SMALL_CHARS = 12_000

DENSE = {
    "uk_address_lines": "221B Baker Street, London NW1 6XE\n",
    "us_contact_cards": "Call John Smith at 555-123-4567, 1600 Pennsylvania Ave NW, Washington, DC 20500. ",
    "canada_no_street_type": "88 Kingsway, Burnaby, BC V5H 4L8; ",
    "po_boxes": "PO Box 123, Springfield, IL 62704; ",
    "english_name_list": "Mary Johnson, Peter Brown, Linda Chen, ",
    "zh_contact_cards": "联系人：张伟，电话13812345678，地址北京市朝阳区建国路88号。",
    "zh_estate_addresses": "广东省深圳市南山区科技园南路18号3栋2单元501室，",
    "zh_ids_and_plates": "身份证110101199003077578，车牌京A12345，",
}


@pytest.fixture(scope="module")
def finder():
    op = PiiRedact(mode="annotate")
    op.ensure_setup()
    return op.find


@pytest.mark.parametrize("name", sorted(DENSE))
def test_dense_document_is_linear(finder, name):
    unit = DENSE[name]
    small = unit * (SMALL_CHARS // len(unit))
    large = unit * (8 * SMALL_CHARS // len(unit))
    assert finder(small), f"{name}: the dense unit must hold findings, or the test measures nothing"
    r, t_small, t_large = ratio(finder, small, large, bound=MAX_RATIO, pause_gc=True)
    assert r < MAX_RATIO, f"{name}: T(8n)/T(n) = {r:.1f} ({t_small:.3f} -> {t_large:.3f} CPU-s)"
