from django import template

from common.names import display_name

register = template.Library()
register.filter("display_name", display_name)
