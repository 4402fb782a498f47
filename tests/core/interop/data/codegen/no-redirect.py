import json

import requests

response = requests.get(
    "https://api.example.com/short/abc",
    timeout=1.5,
    allow_redirects=False,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
