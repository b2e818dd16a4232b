"""Benchmark the caseload page: query count and render time for a big caseload against a small one.

Builds, in a throwaway SQLite database, one practitioner with 200 clients (each with months of
contacts, relationship check-ins and open alerts) and one with 20 clients built the same way, then
renders each caseload with Django's test client and prints a Markdown table. The 20-client page is
the baseline measured in the same run, so the ratio means something on a noisy machine.

    .venv/bin/python bench/bench_caseload.py [--clients 200] [--baseline 20] [--runs 30]

This is a benchmark, not a test: it asserts nothing and is not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta


def _setup_django(home: str) -> None:
    os.environ["ALLIANCE_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("ALLIANCE_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "alliance.web.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _build_caseload(username: str, team, count: int, contacts_per_client: int = 8) -> object:
    from django.utils import timezone

    from alliance.records import builders
    from alliance.records.models import Alert, CheckinResponse, Contact

    practitioner = builders.make_user(username, team=team)
    now = timezone.now()
    for i in range(count):
        client = builders.make_client(practitioner, f"{username} client {i:03d}")
        Contact.objects.bulk_create([
            Contact(client=client, practitioner=practitioner, starts_at=now - timedelta(days=7 * k + i % 40))
            for k in range(contacts_per_client)
        ] + [Contact(client=client, practitioner=practitioner, starts_at=now + timedelta(days=3), attendance=Contact.Attendance.PLANNED)])
        CheckinResponse.objects.bulk_create([
            CheckinResponse(client=client, instrument_id="relationship-checkin", submitted_at=now - timedelta(days=7 * k), total=30.0 + k, severity="good")
            for k in range(4)
        ])
        if i % 3 == 0:
            Alert.objects.create(client=client, kind="rupture", urgency="urgent" if i % 2 else "attention",
                                 message="The relationship check-in dropped.", key=f"{i}")
    return practitioner


def _measure(practitioner, runs: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    browser = Client()
    browser.force_login(practitioner)
    for _ in range(3):  # warm caches, template loading, the agency-settings row
        assert browser.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = browser.get("/")
    assert response.status_code == 200
    query_count = len(queries)  # now: the next request's start clears Django's query log
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        browser.get("/")
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "queries": query_count,
        "median": statistics.median(timings),
        "p90": timings[max(0, int(round(0.9 * len(timings))) - 1)],
        "bytes": len(response.content),
    }


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, Python {platform.python_version()}, SQLite"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--baseline", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as home:
        _setup_django(home)
        from alliance.records import builders

        team = builders.make_team("Bench Team")
        small = _build_caseload("baseline", team, args.baseline)
        big = _build_caseload("big", team, args.clients)
        rows = [(args.baseline, _measure(small, args.runs)), (args.clients, _measure(big, args.runs))]
        from django.db import connection

        connection.close()

    print(f"Machine: {_machine()}; {args.runs} renders each.\n")
    print("| clients | queries | median ms | p90 ms | page KiB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for count, m in rows:
        print(f"| {count} | {m['queries']} | {m['median']:.1f} | {m['p90']:.1f} | {m['bytes'] / 1024:.0f} |")
    ratio = rows[1][1]["median"] / rows[0][1]["median"]
    print(f"\nMedian ratio {args.clients}/{args.baseline} clients: {ratio:.1f}× for {args.clients / args.baseline:.0f}× the clients.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
