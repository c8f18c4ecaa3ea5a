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
    console.error("Promises Kept: the LMS refused " + what + " (error " + (api ? adapter.error(api) : "no API") + ")");
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
    var name = adapter.get(api, adapter.fields.name);
    /* LMSs give "Last, First": the certificate says "First Last". */
    name = String(name || "").replace(/^\s*([^,]+),\s*(.+?)\s*$/, "$2 $1");
    if (name) {
      try { window.localStorage.setItem("promises-kept:learner-name", JSON.stringify(name)); } catch (error) { /* fine */ }
    }
    var bookmark = adapter.get(api, adapter.fields.location);
    if (bookmark && /^[\w./#-]+$/.test(bookmark) && bookmark.indexOf("..") === -1) start = bookmark;
    report();
  }
  document.getElementById("pk-course").src = "course/" + start;
  window.addEventListener("pagehide", finish);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && live) adapter.commit(api);
  });
})();
