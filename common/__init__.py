"""What every app may use and that belongs to none of them: how a person is named and the
types of JSON documents. It imports none of the apps (an import-linter contract checks it)."""
