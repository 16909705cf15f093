-- Shared by the scenario scripts: the prepared data and the one-line result that bench/run reads.
local common = {}

common.data = dofile(os.getenv("BENCH_DATA") or "target/bench/data.lua")

local threads = {}

function common.setup(thread)
  table.insert(threads, thread)
end

-- Prints "BENCH {json}". units are what the scenario counts (requests, or flows for the flow
-- scenario, summed from each thread's counter); errors are socket errors plus non-2xx/3xx answers.
function common.report(summary, latency, counter)
  local units = summary.requests
  if counter then
    units = 0
    for _, thread in ipairs(threads) do
      units = units + (thread:get(counter) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"units":%d,"seconds":%.3f,"p50":%.3f,"p99":%.3f,"errors":%d}\n',
    summary.requests, units, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end

function common.json_headers(key)
  return { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
end

-- The headers of a SCIM request, as identity providers send them: a SCIM token and SCIM's media type.
function common.scim_headers(token)
  return { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/scim+json",
           ["Accept"] = "application/scim+json" }
end

-- A request() that posts the given bodies in turn, each wrk thread starting at a random one.
function common.rotating_posts(path, headers, bodies)
  local next_index = 0
  init = function()
    next_index = math.random(#bodies) - 1
  end
  return function()
    next_index = next_index % #bodies + 1
    return wrk.format("POST", path, headers, bodies[next_index])
  end
end

return common
