"""Benchmark: a minimal melding on a phone — does it stay under one minute?

An officer's time has two parts. What the machine makes them wait for is measured here: Debian's chromium at 390×844
with touch, on an emulated slow 4G connection (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up: Lighthouse's mobile
profile) and a CPU slowed four times, against gunicorn on SQLite. What the officer does (read, tap, type) is estimated
from published operator times, because a benchmark cannot type like a person:

- mental preparation before each action: 1.35 s (Card, Moran & Newell, The Psychology of Human-Computer Interaction,
  1983, the keystroke-level model's M operator);
- reaching and tapping a target with a finger: 1.0 s (an assumption for a 44 px target at phone distance; pointing
  in the keystroke-level model is 1.1 s with a mouse);
- typing on a phone's touch keyboard: 36.2 words a minute, 0.33 s a character (Palin et al., How do people type on
  mobile devices?, MobileHCI 2019, 37,370 participants).

The bare page beside it is the offline page (no database, no login), loaded the same way in the same run.
Writes docs/benchmarks.md (section 'A minimal melding on a phone'). Run with `make bench-phone`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake import BIN, ROOT, machine
from results import write_section

CHROMIUM = os.environ.get("GIPZ_CHROMIUM", "/usr/bin/chromium")
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
MENTAL, TAP, PER_CHARACTER = 1.35, 1.0, 60 / (36.2 * 5)
LOCATION = "Neude 11"
DESCRIPTION = "Man verward op straat, roept dat hij wordt gevolgd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "GIPZ_DATA_DIR": data_dir,
        "DATABASE_URL": f"sqlite:///{data_dir}/bench.sqlite3",
        "GIPZ_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "GIPZ_HTTPS": "false",
        "GIPZ_REQUIRE_2FA": "false",
        "GIPZ_STATIC_FROM_SOURCE": "true",
        "GIPZ_LOG_LEVEL": "WARNING",
    }


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def run(base: str) -> dict[str, float]:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(
            base_url=base,
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            locale="nl-NL",
            service_workers="block",  # the app shell's cache would hide the network
        )
        page = context.new_page()
        page.goto("/login/")
        page.get_by_label("Gebruikersnaam").fill("agent")
        page.get_by_label("Wachtwoord").fill("demo-gipz-2026")
        page.locator("main button[type=submit]").click()
        page.wait_for_url(base + "/")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # every page as on a first visit
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})

        bare = timed(lambda: page.goto("/offline/", wait_until="load"))
        home = timed(lambda: page.goto("/", wait_until="load"))
        waits = {"open the form": timed(lambda: page.goto("/meldingen/nieuw/", wait_until="load"))}
        page.get_by_label("Gemeente").select_option(label="Utrecht")
        page.get_by_label("Locatie").fill(LOCATION)
        page.get_by_label("Korte omschrijving").fill(DESCRIPTION)
        page.get_by_label("nee", exact=True).tap()
        advice = page.locator("#triage-advice")

        def care_sign_and_advice() -> None:
            page.get_by_label("psychiatrische problematiek").tap()
            expect(advice).to_contain_text("U3", timeout=30_000)

        waits["advice after the last answer"] = timed(care_sign_and_advice)

        def send() -> None:
            page.get_by_role("button", name="Melding versturen").tap()
            page.wait_for_url(re.compile(r"/meldingen/\d+/$"), wait_until="load", timeout=30_000)

        waits["send and see the melding"] = timed(send)
        browser.close()
    return {"bare": bare, "home": home, **waits}


def main() -> None:
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"chromium not found at {CHROMIUM} (apt-get install chromium)")
    data_dir = tempfile.mkdtemp(prefix="gipz-bench-phone-")
    env = server_env(data_dir)
    subprocess.run([str(BIN / "gipz"), "migrate", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([str(BIN / "gipz"), "loaddemo", "--situations", "20"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    try:
        time.sleep(2)
        runs = [run(f"http://127.0.0.1:{port}") for _ in range(3)]
    finally:
        server.terminate()
        server.wait()
    median = {key: sorted(r[key] for r in runs)[1] for key in runs[0]}
    taps = ["Nieuwe melding", "Gemeente (open the list)", "Utrecht", "Locatie", "Korte omschrijving", "nee",
            "psychiatrische problematiek", "Melding versturen"]  # fmt: skip
    characters = len(LOCATION) + len(DESCRIPTION)
    person = len(taps) * (MENTAL + TAP) + characters * PER_CHARACTER
    machine_wait = median["home"] + sum(v for k, v in median.items() if k not in ("bare", "home"))
    total = person + machine_wait
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine()}; command `make bench-phone`; median of 3 runs.",
        "Chromium 390×844 with touch, slow 4G (150 ms, 1.6/0.75 Mbit/s), CPU slowed 4×, no cache; gunicorn, SQLite.",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| bare page (offline page, same conditions) | {median['bare']:.2f} |",
        f"| home page after login | {median['home']:.2f} |",
        *[f"| {key} | {value:.2f} |" for key, value in median.items() if key not in ("bare", "home")],
        f"| **machine: waiting in total** | **{machine_wait:.1f}** |",
        f"| officer: {len(taps)} taps × ({MENTAL} s think + {TAP} s tap) | {len(taps) * (MENTAL + TAP):.1f} |",
        f"| officer: {characters} characters at 36.2 words a minute | {characters * PER_CHARACTER:.1f} |",
        f"| **a minimal melding, all told** | **{total:.0f}** |",
        "",
        f"Minimal melding: municipality, location, a one-line description, 'offence: no', one care sign. "
        f"{'Under' if total < 60 else 'OVER'} one minute.",
    ]
    write_section("phone", "A minimal melding on a phone", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
