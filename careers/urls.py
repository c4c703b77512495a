from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("tracks/<slug:slug>/", views.track_detail, name="track_detail"),
    path("roles/<slug:slug>/", views.role_detail, name="role_detail"),
    path("occupations/", views.occupation_search, name="occupation_search"),
    path("occupations/groups/<str:group>/", views.occupation_group, name="occupation_group"),
    path("occupations/<str:code>/", views.occupation_detail, name="occupation_detail"),
    path("skills/", views.skill_list, name="skill_list"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill_detail"),
]
