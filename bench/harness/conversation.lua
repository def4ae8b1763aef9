-- wrk: whole send-money conversations. Run with as many threads as connections (-tN -cN) so each
-- thread drives one connection and its turns stay in order: SendMoneyIntent for $0.01 to Alice
-- Smith (read-back) -> "yes" (CONFIRMED) -> PinIntent 1234 (PBKDF2) -> transfer. Each thread is its
-- own person ($USER_PREFIX..thread number, PIN 1234 enrolled beforehand) and each conversation a new
-- session, so every conversation needs the PIN. The "Requests/sec" wrk prints counts turns;
-- conversations per second are a third of it. Answers that are not the expected turn are counted.
local dir = os.getenv("EVENTS")
local prefix = os.getenv("USER_PREFIX") or "amzn1.ask.account.BENCH"

local function read(name)
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

local function replace(text, from, to)
  local out, start = {}, 1
  while true do
    local i, j = text:find(from, start, true)
    if not i then break end
    table.insert(out, text:sub(start, i - 1))
    table.insert(out, to)
    start = j + 1
  end
  table.insert(out, text:sub(start))
  return table.concat(out)
end

local turns = {
  { body = replace(read("send-money.json"), '"value": "20"', '"value": "0.01"'), expect = "Send $0.01 to Alice Smith" },
  { body = read("send-money-confirm.json"), expect = "PIN" },
  { body = read("pin.json"), expect = "Done. I sent $0.01 to Alice Smith" },
}

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  user = prefix .. id
  turn = 1
  session = nil
  conversation = 0
  started = os.time()
  unexpected = 0
  conversations = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

-- The turn to send next moves on only when an answer arrives, so a request() that wrk builds
-- without sending (it may build one ahead) cannot put a thread's conversation out of step.
function request()
  if turn == 1 and not session then
    conversation = conversation + 1
    session = string.format("amzn1.echo-api.session.bench-%d-%d-%d", started, id, conversation)
  end
  local body = turns[turn].body
  body = replace(body, "amzn1.echo-api.session.local-demo", session)
  body = replace(body, "amzn1.ask.account.TESTUSER", user)
  -- Request ids are new in every run too (the start time is in them): a second round that reused the first's ids
  -- was answered by our replay guard with the first round's bytes, work the peer (no guard) still did.
  body = replace(body, '"requestId": "amzn1.echo-api.request.local', '"requestId": "amzn1.echo-api.request.' .. started .. "-" .. id .. "-" .. conversation)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 or not body:find(turns[turn].expect, 1, true) then
    unexpected = unexpected + 1
    if unexpected == 1 and os.getenv("SHOW_UNEXPECTED") then
      io.stderr:write(string.format("thread %d turn %d: %d %s\n", id, turn, status, body))
    end
    -- Start a new conversation rather than go on with one that went wrong.
    turn, session = 1, nil
    return
  end
  if turn == 3 then
    conversations = conversations + 1
    turn, session = 1, nil
  else
    turn = turn + 1
  end
end

function done(summary, latency, requests)
  local bad, good = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("unexpected")
    good = good + t:get("conversations")
  end
  io.write(string.format("unexpected answers: %d\nconversations completed: %d\n", bad, good))
end
