# Reads settling-in calendars with python3-icalendar, an iCalendar parser independent of libical,
# and prints what a calendar program would show.
import sys
from icalendar import Calendar

uids = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        calendar = Calendar.from_ical(f.read())
    print(path, calendar["VERSION"], calendar["PRODID"], calendar["METHOD"])
    for zone in calendar.walk("VTIMEZONE"):
        print("  zone", zone["TZID"], sorted({str(part["TZNAME"]) for part in zone.subcomponents}))
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        print("  event", event["SUMMARY"])
        print("    start", start.isoformat(), event["DTSTART"].params["TZID"], "utc", start.utcoffset())
        print("    minutes", int((end - start).total_seconds() // 60), "stamp", event.decoded("DTSTAMP").isoformat())
        print("    location", event.get("LOCATION"), "class", event["CLASS"], "attendee", event.get("ATTENDEE"))
        uid = str(event["UID"])
        print("    uid holds the id:", any(learner in uid for learner in ("T002", "T004")))
        uids.setdefault(path.split("/")[-2], []).append(uid)
print("distinct uids:", len({u for us in uids.values() for u in us}), "of", sum(len(us) for us in uids.values()))
