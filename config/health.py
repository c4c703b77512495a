from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when this process can reach its database, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def ping(request: HttpRequest) -> HttpResponse:
    """The cheapest possible Django view: a liveness probe, and the baseline `make bench`
    compares every page with."""
    return HttpResponse("pong\n", content_type="text/plain")
