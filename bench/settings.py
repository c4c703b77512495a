"""The settings `make bench` serves with: production's (config/settings/prod.py) in every
respect but the URLconf, which adds the floor views of bench/floor.py to the project's URLs.
So the pages measured are served exactly as in production, and the floor rows cost what a
production request costs before its view runs."""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
