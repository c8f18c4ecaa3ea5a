/* Promises Kept — the LMS launch page: one API session for the whole course, shown in a frame.
 * The course's pages (course.js) report to window.PromisesKept; this page alone talks to the LMS,
 * so page changes and reloads of the inner page never end the session. One adapter per standard. */
(function () {
  "use strict";

  var root = document.documentElement;
  var STANDARD = root.getAttribute("data-standard");
  var LESSONS = JSON.parse(root.getAttribute("data-lessons"));
  var RULE = JSON.parse(root.getAttribute("data-rule"));
  var PREFIX = "promises-kept:quiz:";
  var VISITS = "promises-kept:visits";
  var SUSPEND_VERSION = 1;

  /* The standard discovery algorithm: up the parents, then the opener's. */
  function findApi(name) {
    function search(win) {
      for (var depth = 0; win && depth < 500; depth++) {
        try { if (win[name]) return win[name]; } catch (error) { return null; }
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    }
    return search(window.parent !== window ? window.parent : null) || (window.opener ? search(window.opener) : null);
  }

  var ADAPTERS = {
    scorm12: {
      api: "API",
      start: function (api) { return String(api.LMSInitialize("")) === "true"; },
      get: function (api, name) { return api.LMSGetValue(name); },
      set: function (api, name, value) { return String(api.LMSSetValue(name, String(value))) === "true"; },
      commit: function (api) { return String(api.LMSCommit("")) === "true"; },
      finish: function (api) { return String(api.LMSFinish("")) === "true"; },
      error: function (api) { return api.LMSGetLastError ? api.LMSGetLastError() : "?"; },
      fields: { location: "cmi.core.lesson_location", suspend: "cmi.suspend_data", name: "cmi.core.student_name",
        exit: "cmi.core.exit", time: "cmi.core.session_time", raw: "cmi.core.score.raw", min: "cmi.core.score.min",
        max: "cmi.core.score.max", count: "cmi.interactions._count" },
      status: function (complete) { return [["cmi.core.lesson_status", complete ? "passed" : "incomplete"]]; },
      time: function (seconds) {
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        return pad(Math.floor(seconds / 3600)) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
      },
      /* SCORM 1.2 choice responses are single characters: option 0 is "a". */
      response: function (values) { return values.map(function (v) { return String.fromCharCode(97 + Number(v)); }).join(","); },
      interaction: function (n, item) {
        var base = "cmi.interactions." + n + ".";
        return [[base + "id", item.id.slice(0, 255)], [base + "type", "choice"],
          [base + "student_response", this.response(item.chosen)],
          [base + "correct_responses.0.pattern", this.response(item.correct)],
          [base + "result", item.ok ? "correct" : "wrong"]];
      }
    },
    scorm2004: {
      api: "API_1484_11",
      start: function (api) { return String(api.Initialize("")) === "true"; },
      get: function (api, name) { return api.GetValue(name); },
      set: function (api, name, value) { return String(api.SetValue(name, String(value))) === "true"; },
      commit: function (api) { return String(api.Commit("")) === "true"; },
      finish: function (api) { return String(api.Terminate("")) === "true"; },
      error: function (api) { return api.GetLastError ? api.GetLastError() : "?"; },
      fields: { location: "cmi.location", suspend: "cmi.suspend_data", name: "cmi.learner_name", exit: "cmi.exit",
        time: "cmi.session_time", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
        count: "cmi.interactions._count" },
      status: function (complete, scaled) {
        return [["cmi.score.scaled", scaled], ["cmi.completion_status", complete ? "completed" : "incomplete"],
          ["cmi.success_status", complete ? "passed" : "unknown"]];
      },
      time: function (seconds) { return "PT" + seconds + "S"; },
      response: function (values) { return values.map(function (v) { return "option-" + v; }).join("[,]"); },
      interaction: function (n, item) {
        var base = "cmi.interactions." + n + ".";
        return [[base + "id", item.id], [base + "type", "choice"], [base + "learner_response", this.response(item.chosen)],
          [base + "correct_responses.0.pattern", this.response(item.correct)], [base + "result", item.ok ? "correct" : "incorrect"]];
      }
    }
  };

  var adapter = ADAPTERS[STANDARD];
  var api = adapter ? findApi(adapter.api) : null;
  var started = Date.now();
  var live = false;
  var finished = false;
  var complete = false;
  var timer = null;

  function say(text) {
    var note = document.getElementById("pk-lms-note");
    note.textContent = text;
    note.hidden = false;
  }

  function failed(what) {
    if (!live) return;
    live = false;
    console.error("Promises Kept: the LMS refused " + what + (api ? " (error " + adapter.error(api) + ")" : ""));
    say("Your progress is not being recorded by your learning system right now; it is kept in this browser.");
  }

  function set(name, value) {
    if (live && !adapter.set(api, name, value)) failed("to store " + name);
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { return null; }
  }

  /* Resume state, compact and versioned so 50 quizzes fit SCORM 1.2's 4,096 characters: per lesson
   * (in course order) [best %, passed, quiz version prefix, answers], where answers lists each
   * question's chosen options in page order as base-36 digits, "." between questions. The LMS's
   * copy wins over this browser's. */
  function pack() {
    var visits = read(VISITS) || {};
    var quizzes = LESSONS.map(function (lesson) {
      var record = lesson.quiz && read(PREFIX + lesson.quiz);
      if (!record || !record.best) return 0;
      var answers = record.answers && typeof record.answers === "object" ? Object.keys(record.answers).map(function (q) {
        return [].concat(record.answers[q]).map(function (v) { return Number(v).toString(36); }).join("");
      }).join(".") : "";
      return [record.best.percent, record.best.passed ? 1 : 0, String(record.version || "").slice(0, 6), answers];
    });
    var opened = [];
    LESSONS.forEach(function (lesson, i) { if (visits[lesson.id]) opened.push(i); });
    return JSON.stringify({ v: SUSPEND_VERSION, q: quizzes, o: opened });
  }

  function unpack(text) {
    var data;
    try { data = JSON.parse(text); } catch (error) { console.error("Promises Kept: unreadable suspend data, ignored"); return; }
    if (!data || data.v !== SUSPEND_VERSION || !Array.isArray(data.q)) return;
    LESSONS.forEach(function (lesson, i) {
      var item = data.q[i];
      if (!lesson.quiz || !Array.isArray(item)) return;
      var record = { version: String(item[2] || ""), best: { percent: Number(item[0]), passed: item[1] === 1 } };
      if (item[3]) record.answers = String(item[3]).split(".").map(function (q) { return q.split("").map(function (c) { return String(parseInt(c, 36)); }); });
      try { window.localStorage.setItem(PREFIX + lesson.quiz, JSON.stringify(record)); } catch (error) { /* kept in the LMS */ }
    });
    var visits = {};
    (Array.isArray(data.o) ? data.o : []).forEach(function (i) { if (LESSONS[i]) visits[LESSONS[i].id] = true; });
    try { window.localStorage.setItem(VISITS, JSON.stringify(visits)); } catch (error) { /* kept in the LMS */ }
  }

  /* The one rule, as the course's pages apply it. */
  function progress() {
    var visits = read(VISITS) || {};
    var done = LESSONS.filter(function (lesson) {
      var record = lesson.quiz && read(PREFIX + lesson.quiz);
      var passed = !!(record && record.best && record.best.passed);
      return (RULE.indexOf("quizzes") === -1 || passed) && (RULE.indexOf("visits") === -1 || visits[lesson.id] === true);
    }).length;
    return { done: done, total: LESSONS.length };
  }

  function commitSoon() {
    window.clearTimeout(timer);
    /* Debounced: committing on every change freezes some LMSs. */
    timer = window.setTimeout(function () { if (live && !adapter.commit(api)) failed("to commit"); }, 400);
  }

  function report() {
    if (!live) return;
    var state = progress();
    var score = Math.round((100 * state.done) / Math.max(1, state.total));
    /* Never downgraded: a course once complete stays complete. */
    complete = complete || state.done === state.total;
    if (complete) score = 100;
    set(adapter.fields.min, 0);
    set(adapter.fields.max, 100);
    set(adapter.fields.raw, score);  /* the score before the status, as LMSs expect */
    adapter.status(complete, score / 100).forEach(function (pair) { set(pair[0], pair[1]); });
    set(adapter.fields.suspend, pack());
    commitSoon();
  }

  window.PromisesKept = {
    /* A quiz was checked: one interaction per question, then the course's score and status. */
    scored: function (quizId, questions) {
      if (!live) return;
      var count = Number(adapter.get(api, adapter.fields.count)) || 0;
      questions.forEach(function (item, i) {
        adapter.interaction(count + i, { id: quizId + "." + item.id, chosen: item.chosen, correct: item.correct, ok: item.ok })
          .forEach(function (pair) { set(pair[0], pair[1]); });
      });
      report();
    },
    /* A page of the course was opened: the bookmark, and visits for the rule. */
    opened: function (href) {
      var base = new URL("course/", window.location.href).href;
      if (href.indexOf(base) === 0) set(adapter.fields.location, href.slice(base.length).slice(0, 255));
      report();
    }
  };

  function finish() {
    if (!live || finished) return;
    finished = true;
    window.clearTimeout(timer);
    set(adapter.fields.time, adapter.time(Math.round((Date.now() - started) / 1000)));
    set(adapter.fields.exit, complete ? "" : "suspend");
    adapter.commit(api);
    adapter.finish(api);
    live = false;
  }

  function scormStart() {
    var start = "index.html";
    if (!api) {
      say("No learning system was found, so your progress is kept in this browser only.");
    } else if (!adapter.start(api)) {
      console.error("Promises Kept: the LMS did not start a session (error " + adapter.error(api) + ")");
      say("Your progress is not being recorded by your learning system right now; it is kept in this browser.");
    } else {
      live = true;
      var suspended = adapter.get(api, adapter.fields.suspend);
      /* Restore whenever there is suspend data: many LMSs never say cmi.entry=resume. */
      if (suspended) unpack(suspended);
      learner(adapter.get(api, adapter.fields.name));
      var bookmark = adapter.get(api, adapter.fields.location);
      if (safePage(bookmark)) start = bookmark;
      report();
    }
    show(start);
    window.addEventListener("pagehide", finish);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && live) adapter.commit(api);
    });
  }

  function learner(name) {
    /* LMSs give "Last, First": the certificate says "First Last". */
    name = String(name || "").replace(/^\s*([^,]+),\s*(.+?)\s*$/, "$2 $1");
    if (!name) return;
    try { window.localStorage.setItem("promises-kept:learner-name", JSON.stringify(name)); } catch (error) { /* fine */ }
  }

  function safePage(page) {
    return typeof page === "string" && /^[\w./#-]+$/.test(page) && page.indexOf("..") === -1;
  }

  function show(page) {
    document.getElementById("pk-course").src = "course/" + page;
  }

  /* ---- cmi5: xAPI statements to the LRS the LMS names in the launch URL ---- */

  var CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized", passed: "http://adlnet.gov/expapi/verbs/passed",
    completed: "http://adlnet.gov/expapi/verbs/completed", terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (window.crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function cmi5Start() {
    var params = new URLSearchParams(window.location.search);
    var launch = {};
    ["endpoint", "fetch", "actor", "registration", "activityId"].forEach(function (key) { launch[key] = params.get(key); });
    if (!launch.endpoint || !launch.fetch || !launch.actor || !launch.registration || !launch.activityId) {
      say("No learning system launched this course, so your progress is kept in this browser only.");
      show("index.html");
      return;
    }
    var endpoint = launch.endpoint.replace(/\/?$/, "/");
    var actor = JSON.parse(launch.actor);
    var tokenKey = "promises-kept:cmi5-token:" + launch.registration;
    var token = null;
    var context = {};
    var queue = Promise.resolve();
    var sent = {};
    var launchData = {};

    function xapi(path, options) {
      options = options || {};
      var headers = { "X-Experience-API-Version": "1.0.3", Authorization: "Basic " + token };
      if (options.body) headers["Content-Type"] = "application/json";
      return window.fetch(endpoint + path, { method: options.method || "GET", headers: headers, body: options.body, keepalive: !!options.keepalive })
        .then(function (response) {
          if (!response.ok && response.status !== 404) throw new Error("LRS answered " + response.status + " to " + path);
          return response;
        });
    }

    function stateUrl(stateId) {
      return "activities/state?stateId=" + encodeURIComponent(stateId) + "&activityId=" + encodeURIComponent(launch.activityId) +
        "&agent=" + encodeURIComponent(JSON.stringify(actor)) + "&registration=" + encodeURIComponent(launch.registration);
    }

    function statement(verb, result, keepalive) {
      if (sent[verb]) return queue;
      sent[verb] = true;
      var categories = [{ id: CMI5 }];
      if (verb === "passed" || verb === "completed") categories.push({ id: MOVEON });
      var ctx = JSON.parse(JSON.stringify(context));
      ctx.registration = launch.registration;
      ctx.contextActivities = ctx.contextActivities || {};
      ctx.contextActivities.category = (ctx.contextActivities.category || []).concat(categories);
      var body = { id: uuid(), actor: actor, verb: { id: VERBS[verb], display: { "en-US": verb } },
        object: { id: launch.activityId, objectType: "Activity" }, context: ctx, timestamp: new Date().toISOString() };
      if (result) body.result = result;
      /* In order, one after the other: initialized first, terminated last. */
      queue = queue.then(function () { return xapi("statements", { method: "POST", body: JSON.stringify(body), keepalive: keepalive }); })
        .catch(function (error) { failed("a statement (" + error.message + ")"); });
      return queue;
    }

    function duration() {
      return "PT" + Math.round((Date.now() - started) / 1000) + "S";
    }

    /* The course's progress under the rule, as cmi5 records it: saved state, then passed and completed. */
    function record() {
      if (!live) return;
      var state = progress();
      complete = complete || state.done === state.total;
      var scaled = complete ? 1 : state.done / Math.max(1, state.total);
      xapi(stateUrl("promises-kept-suspend"), { method: "PUT", body: pack() }).catch(function (error) { failed("the saved state (" + error.message + ")"); });
      var mastery = typeof launchData.masteryScore === "number" ? launchData.masteryScore : 1;
      if (complete && scaled >= mastery) {
        statement("passed", { score: { scaled: scaled }, success: true, duration: duration() });
        statement("completed", { completion: true, duration: duration() });
      }
    }
    window.PromisesKept.opened = function (href) {
      var base = new URL("course/", window.location.href).href;
      if (href.indexOf(base) === 0) {
        try { window.sessionStorage.setItem(tokenKey + ":page", href.slice(base.length)); } catch (error) { /* fine */ }
      }
      record();
    };
    window.PromisesKept.scored = record;

    var known = null;
    try { known = window.sessionStorage.getItem(tokenKey); } catch (error) { known = null; }
    /* The fetch URL gives its token once: keep it for reloads of this page. */
    var tokenReady = known ? Promise.resolve(known) : window.fetch(launch.fetch, { method: "POST" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data["auth-token"]) throw new Error(data["error-text"] || "no auth-token");
        try { window.sessionStorage.setItem(tokenKey, data["auth-token"]); } catch (error) { /* fine */ }
        return data["auth-token"];
      });
    tokenReady.then(function (value) {
      token = value;
      return xapi(stateUrl("LMS.LaunchData")).then(function (response) { return response.json(); });
    }).then(function (data) {
      launchData = data || {};
      context = launchData.contextTemplate || {};
      live = true;
      return xapi(stateUrl("promises-kept-suspend")).then(function (response) { return response.status === 404 ? "" : response.text(); });
    }).then(function (suspended) {
      if (suspended) unpack(suspended);
      statement("initialized");
      var page = null;
      try { page = window.sessionStorage.getItem(tokenKey + ":page"); } catch (error) { page = null; }
      show(safePage(page) ? page : "index.html");
      if (launchData.returnURL) {
        var exit = document.getElementById("pk-lms-exit");
        exit.hidden = false;
        exit.addEventListener("click", function () {
          cmi5Finish().then(function () { window.top.location.href = launchData.returnURL; });
        });
      }
    }).catch(function (error) {
      console.error("Promises Kept: cmi5 launch failed (" + error.message + ")");
      say("Your progress is not being recorded by your learning system right now; it is kept in this browser.");
      live = false;
      show("index.html");
    });

    function cmi5Finish(keepalive) {
      if (!live || sent.terminated) return queue;
      return statement("terminated", { duration: duration() }, keepalive);
    }
    window.addEventListener("pagehide", function () { cmi5Finish(true); });
  }

  if (STANDARD === "cmi5") cmi5Start(); else scormStart();
})();
