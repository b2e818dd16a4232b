"""A client's rights over their data: everything held about them as one archive, and erasure.

What is "held about the client" is found the same way for both: every row that deleting the client
would delete (Django's deletion collector follows each cascade: contacts, reflections, goals and
ratings, check-in links, answers, alerts and their notes, transcript analyses, and whatever a later
feature adds), plus the client's entries in the audit trail (who saw or changed the record).

- ``client_archive`` builds a zip: ``client.json`` (every such row, by table), ``checkins.csv``
  (the analysts' CSV) and ``fhir.json`` (the FHIR R4 bundle), and a ``README.txt``. One audit entry
  ("export"). Nothing is written to disk.
- ``erase_client`` deletes the client and every such row in one transaction, and appends an audit
  tombstone (action "delete", record type "client.erased"). The audit trail itself is kept: it
  holds ids and event names only, no names or content, and shows that the erasure happened.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.admin.utils import NestedObjects
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router, transaction
from django.utils import timezone

from alliance import measures
from alliance.records import audit
from alliance.records.models import AuditEntry, CheckinResponse, Client, Job

# Never part of an archive: a hash that only serves to open a link, and nothing else.
OMITTED_FIELDS = {"token_hash"}
ARCHIVE_FORMAT = "alliance.client-archive.v1"
README = """Everything Alliance holds about one client ({client_id}), exported {when} UTC.

client.json   every record about the client, by table (the client, their cultural profile, contacts and
              their notes, the practitioner's reflections on those contacts, goals and ratings, check-in
              links, answers and scores, alerts and notes, transcript analyses), then the access log:
              who opened or changed the record, when and how.
checkins.csv  the check-in answers, one row per questionnaire (the same as `alliance export csv`).
fhir.json     the same answers as a FHIR R4 Bundle (QuestionnaireResponse and Observation).

See docs/privacy.md in Alliance for what each part means and how long it is kept.
"""


def _collect(client: Client) -> list:
    """Every row that goes when the client goes, the client first, then by table."""
    # The admin's collector: it never takes the fast-delete shortcut, so every row is listed.
    collector = NestedObjects(using=router.db_for_write(Client))
    collector.collect([client])
    rows = []
    for model, instances in collector.data.items():
        rows.extend(sorted(instances, key=lambda obj: str(obj.pk)))
    rows.sort(key=lambda obj: (obj._meta.label != "records.Client", obj._meta.label))
    return rows


def held_counts(client: Client) -> dict[str, int]:
    """How many rows of each kind are held about the client (for the erase confirmation); no content."""
    counts = Counter(obj._meta.verbose_name_plural for obj in _collect(client))
    return dict(sorted(counts.items()))


def _records(client: Client) -> dict:
    by_table: dict[str, list] = defaultdict(list)
    for item in serializers.serialize("python", _collect(client)):
        fields = {k: v for k, v in item["fields"].items() if k not in OMITTED_FIELDS}
        by_table[item["model"]].append({"id": item["pk"], **fields})
    access = [
        {"at": e.at, "who": e.actor.username if e.actor else None, "action": e.action, "record_type": e.record_type,
         "record_id": e.record_id, "via": e.via}
        for e in AuditEntry.objects.filter(client_id=client.pk).select_related("actor").order_by("at", "id")
    ]
    return {"format": ARCHIVE_FORMAT, "client_id": str(client.pk), "records": dict(by_table), "access_log": access}


def _checkin_records(client: Client) -> list:
    from alliance.records.checkin_service import scored_answers

    return [
        measures.CheckinRecord(r.instrument_id, r.submitted_at, scored_answers(r), r.language)
        for r in CheckinResponse.objects.filter(client=client).order_by("submitted_at")
    ]


@dataclass(frozen=True)
class Archive:
    filename: str
    content: bytes


def client_archive(client: Client, *, actor=None, via: str = "cli") -> Archive:
    """The zip of everything held about ``client``; audited as one export."""
    now = timezone.now()
    records = _records(client)  # before our own audit entry: the archive shows the log up to now
    checkins = _checkin_records(client)
    ref = str(client.pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(client_id=ref, when=now.strftime("%Y-%m-%d %H:%M")))
        archive.writestr("client.json", json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2) + "\n")
        archive.writestr("checkins.csv", measures.responses_csv([(ref, record) for record in checkins]))
        archive.writestr("fhir.json", json.dumps(measures.fhir_bundle(ref, checkins), ensure_ascii=False, indent=2) + "\n")
    audit.record(actor, "export", client, record_type="client", client_id=client.pk, via=via)
    return Archive(f"client-{ref}.zip", buffer.getvalue())


@dataclass(frozen=True)
class Erased:
    client_id: str
    counts: dict[str, int]


def erase_client(client: Client, *, actor=None, via: str = "cli") -> Erased:
    """Delete the client and everything held about them; keep one audit tombstone. All or nothing."""
    with transaction.atomic():
        rows = _collect(client)
        counts = dict(sorted(Counter(obj._meta.verbose_name_plural for obj in rows).items()))
        gone = {str(obj.pk) for obj in rows}
        pk = client.pk
        client.delete()
        # Queued jobs (analyses, notifications) would otherwise wake for rows that are gone; payloads hold only ids.
        for job in Job.objects.filter(status=Job.Status.QUEUED):
            if any(str(value) in gone for value in (job.payload or {}).values()):
                job.status, job.finished_at, job.error = Job.Status.DONE, timezone.now(), "client erased"
                job.save(update_fields=["status", "finished_at", "error"])
        audit.record(actor, "delete", record_type="client.erased", record_id=pk, client_id=pk, via=via)
    return Erased(str(pk), counts)
