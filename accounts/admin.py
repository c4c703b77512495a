"""Accounts in Django admin: Django's own user admin, with forms that check the email the way
the database's unique index does (one account per email, any case)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.forms import AccountAdminChangeForm, AccountAdminCreationForm

User = get_user_model()

admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    form = AccountAdminChangeForm
    add_form = AccountAdminCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "usable_password", "password1", "password2"),
            },
        ),
    )
