import json

import requests

response = requests.put(
    "https://api.example.com/users/1",
    headers={"If-Match": "\"v42\""},
    json={"name": "Ada", "admin": False},
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
