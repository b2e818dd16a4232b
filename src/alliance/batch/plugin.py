"""The Dask worker plugin that loads the coder once per worker process (imports distributed)."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from alliance.batch.work import process_coder


class CoderPreload(WorkerPlugin):
    """Load the coder as each worker starts, so no task pays for it and it is loaded once per process."""

    name = "alliance-coder"
    idempotent = True

    def setup(self, worker):
        process_coder()
