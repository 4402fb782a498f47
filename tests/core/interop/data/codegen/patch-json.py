import json

import requests

response = requests.patch(
    "https://api.example.com/users/1",
    json={
        "email": "new@example.com",
        "active": True,
        "score": 1.50,
        "manager": None,
        "tags": ["a", "b"],
        "address": {"city": "Zürich", "zip": "8000"},
    },
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
