"""Domain objects of the discussion side of briefbot: places, rooms, discussions, comments."""
