"""Facts into prose (zh and en) and the report object that the JSON contract describes."""
