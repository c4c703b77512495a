from django.urls import path

import common.converters  # noqa: F401  (registers <token:…> and <id:…>)
from assessments import explore, views

app_name = "assessments"

# The busiest first: Django tries the patterns in order, a regular expression each, and no
# two of them match the same address (tests/test_urls.py).
urlpatterns = [
    path("assessments/<uuid:pk>/step/<int:number>/", views.step, name="step"),
    path("assessments/<uuid:pk>/result", views.result, name="result"),
    path("assessments/<uuid:pk>/result.json", views.result_json, name="result_json"),
    path("careers-fit/<uuid:pk>/", explore.ranking, name="explore_ranking"),
    path("assessments/", views.assessment_list, name="list"),
    path("assessments/claim/", views.claim, name="claim"),
    path("roles/<slug:slug>/assess/", views.start, name="start"),
    path("assessments/resume/<token:token>/", views.resume, name="resume"),
    path("assessments/<uuid:pk>/review/", views.review, name="review"),
    path(
        "assessments/<uuid:pk>/resume-link/email/",
        views.email_resume_link,
        name="resume_link_email",
    ),
    path("assessments/<uuid:pk>/extend/<slug:slug>/", views.extend, name="extend"),
    path("assessments/<uuid:pk>/industry/", views.set_industry, name="industry"),
    path("assessments/<uuid:pk>/links/", views.create_public_link, name="public_link_create"),
    path(
        "assessments/links/<id:link_id>/revoke/",
        views.revoke_public_link,
        name="public_link_revoke",
    ),
    path("r/<token:token>", views.public_result, name="public_result"),
    path("careers-fit/", explore.start, name="explore"),
    path(
        "careers-fit/<uuid:pk>/roles/<slug:slug>/gap-report/",
        explore.gap_report,
        name="explore_gap_report",
    ),
]
