import json

import requests

response = requests.get(
    "https://api.example.com/users",
    params=[("page", "2"), ("q", "a b&c=d+e"), ("tag", "ünï"), ("tag", "{{tag}}")],
    headers={"Accept": "application/json"},
    timeout=30,
)
print(response.status_code, response.reason)
response.raise_for_status()
if "json" in response.headers.get("Content-Type", ""):
    print(json.dumps(response.json(), indent=2, ensure_ascii=False))
else:
    print(response.text)
