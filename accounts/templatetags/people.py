from django import template

from accounts.names import display_name

register = template.Library()
register.filter("display_name", display_name)
