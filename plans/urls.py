from django.urls import path

import common.converters  # noqa: F401  (registers <token:…> and <id:…>)
from plans import views

app_name = "plans"

urlpatterns = [
    path("assessments/<uuid:pk>/plan/", views.plan_create, name="create"),
    path("plans/", views.plan_list, name="list"),
    path("plans/<uuid:pk>/", views.detail, name="detail"),
    path("plans/<uuid:pk>.json", views.plan_json_view, name="json"),
    path("plans/<uuid:pk>.ics", views.plan_ics, name="ics"),
    path("plans/<uuid:pk>/settings/", views.settings_update, name="settings"),
    path("plans/<uuid:pk>/steps/", views.step_add_view, name="step_add"),
    path("plans/<uuid:pk>/steps/<id:step_id>/", views.step_edit, name="step_edit"),
    path("plans/<uuid:pk>/steps/<id:step_id>/done/", views.step_done_view, name="step_done"),
    path("plans/<uuid:pk>/steps/<id:step_id>/move/", views.step_move_view, name="step_move"),
    path("plans/<uuid:pk>/steps/<id:step_id>/remove/", views.step_remove_view, name="step_remove"),
    path(
        "plans/<uuid:pk>/suggestions/<id:comment_id>/",
        views.suggestion_decide_view,
        name="suggestion_decide",
    ),
    path("plans/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
