-- wrk: a soak of mixed turns. Each thread cycles through the envelopes named in $BODIES
-- (colon-separated files). Prints the answers counted and the unexpected ones (status other than
-- 200, or an answer without "outputSpeech").
local files = {}
for name in string.gmatch(os.getenv("BODIES"), "[^:]+") do table.insert(files, name) end
local bodies = {}
for _, name in ipairs(files) do
  local f = assert(io.open(name, "rb"))
  table.insert(bodies, f:read("*a"))
  f:close()
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  i = 0
  answered = 0
  unexpected = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 or not body:find("outputSpeech", 1, true) then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("answered")
    bad = bad + t:get("unexpected")
  end
  io.write(string.format("turns answered: %d\nunexpected answers: %d\n", total, bad))
end
