"""Tappable contacts: on every page that shows a phone or an e-mail address (the supplier
page, the owner's page, the printable brief, the page shared with the supplier), the phone
is a ``tel:`` link (digits and a leading ``+`` only in the link, the number as written in
the text) and the address a ``mailto:`` link."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.browser.harness import MAIN, expect, open_page, serve, showing
from tests.conftest import AS_OF_TEXT as AS_OF
from tests.conftest import copy_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Each text node of the article that looks like a phone number or an e-mail address, with
# the link (if any) it sits in.
FOUND_JS = r"""(main) => {
  const root = document.querySelector(main);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const phone = /\+?\d[\d ()\/.-]{6,}\d/g, mail = /[^\s()<>,;:]+@[^\s()<>,;:]+\.[a-z]{2,}/gi;
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest('time, .hb-anchor, code')) continue;
    const a = n.parentElement.closest('a');
    for (const [kind, re] of [['phone', phone], ['mail', mail]]) {
      for (const m of n.textContent.matchAll(re)) {
        if (kind === 'phone' && /^\d{4}-\d{2}-\d{2}/.test(m[0])) continue;  // a date
        out.push({kind, text: m[0], href: a ? a.getAttribute('href') : null,
                  whole: a ? a.textContent.trim() : null});
      }
    }
  }
  return out;
}"""


def contacts(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(FOUND_JS, MAIN)
    return found


def check_links(page: Page, path: str) -> tuple[int, int]:
    """Every phone and address on the page is its link; returns how many of each."""
    found = contacts(page)
    phones = [f for f in found if f["kind"] == "phone"]
    mails = [f for f in found if f["kind"] == "mail"]
    for f in phones:
        assert f["href"] is not None, f"/{path}: the phone {f['text']!r} is not a link"
        assert re.fullmatch(r"tel:\+?\d+", f["href"]), f
        assert f["href"] == "tel:" + ("+" if f["whole"].startswith("+") else "") + \
            re.sub(r"\D", "", f["whole"]), f
    for f in mails:
        assert f["href"] == f"mailto:{f['text']}", f"/{path}: {f}"
    return len(phones), len(mails)


@pytest.mark.parametrize("path", ["suppliers/vantor-elektronika/",
                                  "suppliers/vantor-elektronika/handover/",
                                  "owners/elif-demir/"],
                         ids=["supplier-page", "brief", "owner-page"])
def test_every_phone_and_address_is_a_link(page: Page, path: str) -> None:
    page.goto(path)
    with showing(page, f"/{path}: phones are tel: links, addresses mailto: links"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        phones, mails = check_links(page, path)
        assert phones >= 2 and mails >= 2, (phones, mails)
        link = page.locator(f"{MAIN} a[href='tel:+420545555031']").first
        expect(link).to_have_text("+420 545 555 031")
        expect(page.locator(f"{MAIN} a[href='mailto:lucie.novotna@vantor.example']").first
               ).to_have_text("lucie.novotna@vantor.example")


def test_the_shared_page_links_phones_and_addresses(browser: Browser,
                                                     tmp_path: Path) -> None:
    source = copy_demo(tmp_path / "handbook")
    site = tmp_path / "shared"
    result = CliRunner().invoke(
        main, ["build", "-f", str(source / "mkdocs.yml"), "--as-of", AS_OF, "--site-dir",
               str(site), "--audience", "supplier", "vantor-elektronika"],
        catch_exceptions=False, env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 0, result.output
    with serve(site) as url, open_page(browser, url) as page:
        page.goto("")
        with showing(page, "the shared page: phones are tel: links, addresses mailto: links"):
            expect(page.locator(f"{MAIN} h1")).to_contain_text("our joint page")
            phones, mails = check_links(page, "")
            assert phones >= 2 and mails >= 3, (phones, mails)
            expect(page.locator(f"{MAIN} a[href='tel:+420545555010']")).to_have_text(
                "+420 545 555 010")
