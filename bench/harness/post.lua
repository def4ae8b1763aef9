-- wrk: POST the JSON file named by $BODY to every request; counts answers that lack $EXPECT.
local expect = os.getenv("EXPECT")
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
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
