from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from alliance import __version__


@require_GET
def healthz(request):
    """Liveness with a database round-trip; no login, no client data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means not healthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor, "version": __version__})
