"""What every app may use and that belongs to none of them: how a person is named, the
types of JSON documents, URL converters for tokens and ids, request ids in logs and request
limits. It imports none of the apps (an import-linter contract checks it)."""
