from django.contrib import admin

from counselors.models import CounselorProfile, Note, Share


@admin.register(CounselorProfile)
class CounselorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "share_code", "organisation"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "share_code"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    exclude = ["dashboard_version"]


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ["owner", "counselor", "assessment", "role", "created_at", "withdrawn_at"]
    list_filter = ["withdrawn_at", "role"]
    search_fields = ["owner__username", "counselor__username"]
    list_select_related = ["owner", "counselor", "assessment__role", "role"]
    raw_id_fields = ["owner", "counselor", "assessment"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["counselor", "client", "created_at"]
    search_fields = ["counselor__username", "client__username", "text"]
    list_select_related = ["counselor", "client"]
    raw_id_fields = ["counselor", "client"]
