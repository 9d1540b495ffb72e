"""On a phone: the pages of the acute flow fit 390 and 320 px without horizontal scrolling, the menu folds into a
button, touch targets are 44 px, the danger questions come first, badges and the focus ring have enough contrast,
and the language switch does not leave the page while arrowing through it. Each page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, World, intake
from gipz.privacy.tests.helpers import ask, situation_with_person
from gipz.situations import services
from tests_browser.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"

# WCAG relative luminance and contrast of two computed CSS colours.
CONTRAST = """([fg, bg]) => {
  const parse = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => { const [r, g, b] = parse(c).map(channel); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def _pages(world: World) -> dict[str, tuple[Any, str]]:
    situation, _person = situation_with_person(world)
    request = ask(world, situation)
    handed_over = intake(world)  # on site, the SBAR recorded: the police page shows S, R and the confirm button
    services.care_request_accept(actor=world.crisis_actor, situation_id=handed_over.pk)
    services.situation_en_route(actor=world.crisis_actor, situation_id=handed_over.pk, eta_minutes=10)
    services.situation_on_site(actor=world.crisis_actor, situation_id=handed_over.pk)
    services.handover_submit(
        actor=world.crisis_actor,
        situation_id=handed_over.pk,
        situation_text="Man rustig, wil naar huis",
        background="",
        assessment="",
        recommendation="Politie kan vertrekken",
    )
    return {
        "intake": (world.police_user, "/meldingen/nieuw/"),
        "situation": (world.police_user, f"/meldingen/{situation.pk}/"),
        "handover to confirm": (world.police_user, f"/meldingen/{handed_over.pk}/"),
        "board": (world.crisis_user, "/bord/"),
        "information request answer": (world.crisis_user, f"/informatieverzoeken/{request.pk}/"),
        "unsafe report": (world.care_user, "/onveilig/nieuw/"),
        "alert settings": (world.crisis_user, "/alarmering/"),
    }


@pytest.mark.parametrize("width", [390, 320])
def test_the_acute_pages_fit_a_phone_without_scrolling_sideways(world: World, new_page: Any, width: int) -> None:
    for name, (user, url) in _pages(world).items():
        page = new_page(user.username, PASSWORD, width=width, height=844)
        page.goto(url)
        assert page.evaluate(OVERFLOW) <= 0, f"{name} is wider than {width} px"
        small = page.evaluate(
            """() => [...document.querySelectorAll('main button, main .utrecht-button-link, header a, header button')]
                 .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
                 .map(e => e.textContent.trim())"""
        )
        assert small == [], f"{name}: touch targets under 44 px: {small}"
        if name == "handover to confirm":
            expect(page.get_by_role("button", name="Overdracht bevestigen")).to_be_visible()
        check_accessibility(page)


def test_the_menu_folds_into_a_button_with_readable_badges(world: World, new_page: Any) -> None:
    situation, _person = situation_with_person(world)
    ask(world, situation)  # an open request: the crisis desk's menu shows a count badge
    page = new_page(world.crisis_user.username, PASSWORD, width=390, height=844)
    page.goto("/bord/")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Werkafspraken")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Werkafspraken")).to_be_visible()
    badge = page.locator("header .utrecht-badge-counter").first
    colours = badge.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert page.evaluate(CONTRAST, colours) >= 4.5
    check_accessibility(page)
    wide = new_page(world.crisis_user.username, PASSWORD, width=1280, height=800)
    wide.goto("/bord/")
    expect(wide.get_by_role("button", name="Menu")).to_be_hidden()
    expect(wide.get_by_role("link", name="Werkafspraken")).to_be_visible()


def test_the_focus_ring_is_visible_on_white_and_on_the_header(world: World, new_page: Any) -> None:
    page = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    page.goto("/meldingen/nieuw/")
    page.get_by_label("Locatie").focus()
    page.keyboard.press("Tab")  # keyboard focus: :focus-visible
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    assert page.evaluate(CONTRAST, [ring, "rgb(255, 255, 255)"]) >= 3
    page.locator(".brand").focus()
    header_ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    header = page.evaluate("() => getComputedStyle(document.querySelector('header.top')).backgroundColor")
    assert page.evaluate(CONTRAST, [header_ring, header]) >= 3


def test_the_danger_questions_come_first_one_a_line(world: World, new_page: Any) -> None:
    page = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    page.goto("/meldingen/nieuw/")
    boxes = page.locator(".checks input[type=checkbox]")
    tops = [boxes.nth(i).bounding_box()["y"] for i in range(boxes.count())]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one under the other, in order
    assert boxes.first.get_attribute("name") == "danger_to_self"
    assert boxes.nth(1).get_attribute("name") == "danger_to_others"


def test_arrowing_through_the_language_switch_keeps_the_page(world: World, new_page: Any) -> None:
    page = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    page.goto("/meldingen/nieuw/")
    page.get_by_label("Locatie").fill("Vredenburg 1")
    page.locator("#lang-select").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.url.endswith("/meldingen/nieuw/")
    expect(page.get_by_label("Locatie")).to_have_value("Vredenburg 1")


def test_the_web_app_caches_its_shell_and_never_a_page(world: World, new_page: Any) -> None:
    situation, _person = situation_with_person(world)
    page = new_page(world.police_user.username, PASSWORD, width=390, height=844)
    page.goto("/")
    page.evaluate("() => navigator.serviceWorker.ready")  # registered and its shell cached
    page.goto(f"/meldingen/{situation.pk}/")
    page.reload()  # now under the worker's control
    cached = page.evaluate(
        """async () => {
             const out = [];
             for (const key of await caches.keys()) {
               const cache = await caches.open(key);
               for (const r of await cache.keys()) out.push(new URL(r.url).pathname);
             }
             return out;
           }"""
    )
    assert cached and all(path.startswith("/static/") or path == "/offline/" for path in cached), cached
    assert not any("/meldingen/" in path for path in cached)


def test_lists_and_forms_with_wide_tables_scroll_inside_themselves(world: World, new_page: Any) -> None:
    """A wide table scrolls in its own region; the page around it never scrolls sideways (and its visually hidden
    labels stay inside it)."""
    from conftest import make_user
    from gipz.accounts.models import Role

    situation, _person = situation_with_person(world)
    ask(world, situation)
    officer = make_user("fg-telefoon", world.crisis, Role.PRIVACY_OFFICER)
    pages = {
        world.police_user: ["/meldingen/", "/informatieverzoeken/", "/werkafspraken/"],
        world.care_user: ["/preventief/", "/onveilig/"],
        world.coordinator: ["/capaciteit/nieuw/"],
        officer: ["/privacy/"],
    }
    for user, urls in pages.items():
        page = new_page(user.username, PASSWORD, width=390, height=844)
        for url in urls:
            page.goto(url)
            assert page.evaluate(OVERFLOW) <= 0, f"{url} is wider than 390 px"
