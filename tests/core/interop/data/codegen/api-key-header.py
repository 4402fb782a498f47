import json

import requests

response = requests.get(
    "https://api.example.com/search",
    headers={"X-Api-Key": "k/123"},
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
