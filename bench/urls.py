"""The bench server's URLs: the project's own, plus the floor views of bench/floor.py.

Only `make bench` serves these (bench/settings.py); the product has no such address."""

from django.urls import path

from bench import floor
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("bench/signed-in", floor.signed_in, name="bench_signed_in"),
    path(
        "bench/read/assessments/<uuid:pk>/step/<int:number>/",
        floor.questionnaire_read,
        name="bench_questionnaire_read",
    ),
    *project_urlpatterns,
]
