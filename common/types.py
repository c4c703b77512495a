"""Types for JSON documents: what `json.loads` returns and a JSONField holds. Use them where
a value is JSON whose shape the code does not rely on; a document read field by field
deserves its own TypedDict."""

from typing import TypeAlias

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
JSONObject: TypeAlias = dict[str, JSONValue]
JSONArray: TypeAlias = list[JSONValue]
