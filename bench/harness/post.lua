-- wrk: POST the JSON file named by $BODY to every request; counts answers that lack $EXPECT.
local expect = os.getenv("EXPECT")
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()

local threads = {}
local started = os.time()
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

-- Every request gets its own Alexa request id, as Alexa's do: the skill answers a repeated id from
-- its replay guard (docs/architecture.md), which would measure that guard instead of the turn. The
-- run's start and the thread name it, so no two threads or runs share one.
local prefix, counter = nil, 0

function init(args)
  unexpected = 0
  prefix = started .. "-" .. id
end

function request()
  counter = counter + 1
  local body = wrk.body:gsub('"requestId"%s*:%s*"[^"]*"', '"requestId": "amzn1.echo-api.request.bench-' .. prefix .. "-" .. counter .. '"', 1)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or (expect and not body:find(expect, 1, true)) then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("unexpected")
  end
  io.write(string.format("unexpected answers: %d\n", total))
end
