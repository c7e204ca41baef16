"""The background worker's own machinery: who runs each task (its lease), recovering the
tasks and the work a killed worker left running, and the upkeep it does now and then."""
