import json

import requests

response = requests.post(
    "https://api.example.com/upload",
    files={
        "title": (None, "Q3 report"),
        "file": ("report.csv", open("/tmp/report.csv", "rb"), "text/csv"),
        "logo": open("/tmp/logo.png", "rb"),
    },
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
