from django.urls import path

import common.converters  # noqa: F401  (registers <token:…> and <id:…>)
from counselors import views

app_name = "counselors"

urlpatterns = [
    path("assessments/<uuid:pk>/share/", views.share_create_view, name="share_create"),
    path("shares/<id:share_id>/withdraw/", views.share_withdraw_view, name="share_withdraw"),
    path("share/<str:code>/", views.invitation, name="invitation"),
    path("counselor/", views.dashboard, name="dashboard"),
    path("counselor/clients/<id:user_id>/", views.client_detail, name="client_detail"),
    path("counselor/results/<uuid:pk>/", views.result_detail, name="result_detail"),
    path("counselor/rankings/<uuid:pk>/", views.ranking_detail, name="ranking_detail"),
    path("counselor/plans/<uuid:pk>/", views.plan_detail, name="plan_detail"),
    path("counselor/plans/<uuid:pk>/comment/", views.plan_comment_view, name="plan_comment"),
    path("counselor/plans/<uuid:pk>/suggest/", views.plan_suggest_view, name="plan_suggest"),
    path("counselor/plans/<uuid:pk>/cosign/", views.plan_cosign_view, name="plan_cosign"),
    path("counselor/group/", views.group, name="group"),
    path("counselor/export.csv", views.export_csv, name="export_csv"),
]
