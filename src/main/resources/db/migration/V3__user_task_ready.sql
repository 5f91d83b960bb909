-- A task is "ready" once the engine has finished creating it under engine_key (its "creating"
-- listener job is complete). Only ready tasks can be completed; a fresh engine after a restart
-- makes every stored task un-ready until its journey's re-created task binds it again.
ALTER TABLE user_tasks ADD COLUMN ready BOOLEAN NOT NULL DEFAULT FALSE;
