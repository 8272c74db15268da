"""Where changes come from: a local git clone (and later GitHub)."""
