-- wrk script: PUT /api/v1/checkups/{token}/answers with 10 answers each, round-robin over
-- many tokens. Arguments (after --): TOKENS_FILE QUESTIONS_FILE PREFIX THREADS (wrk's -t);
-- the environment variable BENCH_PUT_STATS names the stats file.
--   request c of thread t gets the id g = c * threads + t, token g mod T and question slot
--   (g div T) mod S (S = questions / 10), so no two requests write the same rows until all
--   T * S slots are used (counted as "wrap"); every answer's note is PREFIX:g.
-- At the end each thread's issued / 200 / other counts go to STATS_FILE for verify_writes.

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if #line > 0 then out[#out + 1] = line end
  end
  return out
end

function init(args)
  tokens = lines(args[1])
  questions = lines(args[2])
  prefix = args[3]
  nthreads = tonumber(args[4])
  T = #tokens
  S = math.floor(#questions / 10)
  issued, ok, bad, wrap = 0, 0, 0, 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  local g = issued * nthreads + tid
  issued = issued + 1
  local t = g % T
  local slot = math.floor(g / T)
  if slot >= S then wrap = wrap + 1 end
  slot = slot % S
  local parts = {}
  for i = 1, 10 do
    parts[i] = string.format('{"question":"%s","now":%d,"target":%d,"note":"%s:%d"}',
      questions[slot * 10 + i], (g + i - 1) % 5, (g + i + 1) % 5, prefix, g)
  end
  return wrk.format("PUT", "/api/v1/checkups/" .. tokens[t + 1] .. "/answers", headers,
    '{"answers":[' .. table.concat(parts, ",") .. ']}')
end

function response(status, hdrs, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local path = os.getenv("BENCH_PUT_STATS")
  local f = assert(io.open(path, "w"))
  for _, t in ipairs(threads) do
    f:write(string.format("%d %d %d %d %d\n", t:get("tid"), t:get("issued"), t:get("ok"),
      t:get("bad"), t:get("wrap")))
  end
  f:close()
end
