// Answer aloud on the practice page: record with the microphone, send the recording to this
// nextround for transcription, put the transcript in the answer box to correct, and show the
// delivery measured from the audio. The typed path works without any of it.
(function () {
  "use strict";
  var box = document.querySelector("[data-voice]");
  if (!box) return;
  var form = box.closest("form");
  var startButton = box.querySelector("[data-voice-start]");
  var stopButton = box.querySelector("[data-voice-stop]");
  var readButton = box.querySelector("[data-voice-read]");
  var timer = box.querySelector("[data-voice-timer]");
  var level = box.querySelector("[data-voice-level]");
  var keep = box.querySelector("[data-voice-keep]");
  var statusLine = box.querySelector("[data-voice-status]");
  var playback = box.querySelector("[data-voice-playback]");
  var result = box.querySelector("[data-voice-result]");
  var answer = form.querySelector("textarea[name=answer]");
  var question = form.querySelector("textarea[name=question]");
  var MAX_SECONDS = 600;
  var canRecord = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder);
  var recordedSeconds = null;
  var recorder = null, stream = null, chunks = [], started = 0, tick = null, audioContext = null, frame = null;

  box.hidden = false;
  if (!canRecord) {
    startButton.disabled = true;
    say("This browser cannot record here (it needs a microphone and a secure page). Type your answer instead.", false);
  }

  function say(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error", !!isError);
  }

  function clock(seconds) {
    var mm = Math.floor(seconds / 60), ss = ("0" + (seconds % 60)).slice(-2);
    return mm + ":" + ss;
  }

  function showLevel(analyser) {
    var samples = new Uint8Array(analyser.fftSize);
    function draw() {
      analyser.getByteTimeDomainData(samples);
      var peak = 0;
      for (var i = 0; i < samples.length; i++) {
        var value = Math.abs(samples[i] - 128) / 128;
        if (value > peak) peak = value;
      }
      level.value = Math.min(1, peak * 1.5);
      level.textContent = String(Math.round(level.value * 100));
      frame = window.requestAnimationFrame(draw);
    }
    draw();
  }

  function pickType() {
    var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function extensionOf(type) {
    if (type.indexOf("ogg") >= 0) return "ogg";
    if (type.indexOf("mp4") >= 0) return "m4a";
    return "webm";
  }

  function start() {
    if (!question.value.trim()) {
      say("Type or pick the question first: the feedback depends on it.", true);
      question.focus();
      return;
    }
    say("Asking for the microphone…", false);
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (media) {
      stream = media;
      var type = pickType();
      recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
      chunks = [];
      recorder.ondataavailable = function (event) { if (event.data && event.data.size) chunks.push(event.data); };
      recorder.onstop = finished;
      recorder.start(1000);
      started = Date.now();
      timer.textContent = "0:00";
      timer.classList.add("recording");
      tick = window.setInterval(function () {
        var seconds = Math.round((Date.now() - started) / 1000);
        timer.textContent = clock(seconds) + " of " + clock(MAX_SECONDS);
        if (seconds >= MAX_SECONDS) stop();
      }, 500);
      try {
        var Context = window.AudioContext || window.webkitAudioContext;
        audioContext = new Context();
        var analyser = audioContext.createAnalyser();
        analyser.fftSize = 1024;
        audioContext.createMediaStreamSource(stream).connect(analyser);
        showLevel(analyser);
      } catch (err) {
        level.hidden = true;
      }
      startButton.disabled = true;
      stopButton.disabled = false;
      stopButton.focus();
      say("Recording. Answer as you would in the interview, then press Stop and transcribe.", false);
    }).catch(function (err) {
      say("The microphone could not be used (" + (err && err.name ? err.name : "refused") + "). Type your answer instead.", true);
    });
  }

  function stop() {
    if (!recorder || recorder.state === "inactive") return;
    stopButton.disabled = true;
    recorder.stop();
  }

  function release() {
    if (tick) window.clearInterval(tick);
    tick = null;
    if (frame) window.cancelAnimationFrame(frame);
    frame = null;
    level.value = 0;
    timer.classList.remove("recording");
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    if (audioContext) audioContext.close();
    audioContext = null;
  }

  function finished() {
    var seconds = Math.round((Date.now() - started) / 1000);
    release();
    var type = recorder.mimeType || "audio/webm";
    var blob = new Blob(chunks, { type: type });
    chunks = [];
    if (playback.src) URL.revokeObjectURL(playback.src);
    playback.src = URL.createObjectURL(blob);
    playback.hidden = false;
    recordedSeconds = seconds;
    upload(blob, extensionOf(type));
  }

  function csrf() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function upload(blob, extension) {
    say("Transcribing on this machine…", false);
    var body = new FormData();
    body.append("audio", blob, "answer." + extension);
    body.append("question", question.value);
    body.append("keep", keep.checked ? "1" : "0");
    body.append("csrfmiddlewaretoken", csrf());
    fetch(box.getAttribute("data-upload"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf() }
    }).then(read).then(handle).catch(failed);
  }

  function read(response) {
    return response.json().catch(function () {
      return { status: "failed", error: "The server answered " + response.status + "." };
    });
  }

  function poll(url, waited) {
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin" }).then(read).then(function (data) {
        if (data.status === "queued" || data.status === "running") {
          say((data.status === "queued" ? "Waiting for the transcriber" : "Transcribing") + "… " + (waited + 1) + " s", false);
          poll(url, waited + 1);
        } else {
          handle(data);
        }
      }).catch(failed);
    }, 1000);
  }

  function handle(data) {
    if (data.poll) {
      say("Waiting for the transcriber…", false);
      poll(data.poll, 0);
      return;
    }
    if (data.status !== "done") {
      failed(data.error || "The recording could not be transcribed.");
      return;
    }
    answer.value = data.transcript;
    form.querySelector("[data-voice-delivery]").value = JSON.stringify(data.delivery);
    form.querySelector("[data-voice-recording]").value = data.recording || "";
    result.innerHTML = data.html;
    startButton.disabled = false;
    say("The transcript is in the answer box: correct what was misheard, then press Get feedback.", false);
    answer.focus();
  }

  function failed(error) {
    startButton.disabled = !canRecord;
    stopButton.disabled = true;
    var text = typeof error === "string" ? error : "The recording could not be sent.";
    say(text + " You can record again or type your answer.", true);
  }

  // Typing over the transcript keeps its delivery; a new typed answer from scratch drops it.
  answer.addEventListener("input", function () {
    if (!answer.value.trim()) {
      form.querySelector("[data-voice-delivery]").value = "";
      form.querySelector("[data-voice-recording]").value = "";
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === form && event.detail.successful) {
      form.querySelector("[data-voice-delivery]").value = "";
      form.querySelector("[data-voice-recording]").value = "";
      recordedSeconds = null;
    }
  });
  // A spoken answer took as long as its recording, however long correcting it takes.
  function spokenSeconds() {
    if (recordedSeconds === null || !form.querySelector("[data-voice-delivery]").value) return null;
    return String(recordedSeconds);
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var seconds = spokenSeconds();
    if (event.detail.elt === form && seconds !== null) event.detail.parameters.seconds_taken = seconds;
  });
  form.addEventListener("submit", function () {
    var seconds = spokenSeconds(), field = form.querySelector("[data-timer-value]");
    if (seconds !== null && field) field.value = seconds;
  }, true);

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);

  // Reading the question aloud needs a voice installed on the system.
  function voices() { return window.speechSynthesis ? window.speechSynthesis.getVoices() : []; }
  function readAloud() {
    var text = question.value.trim();
    if (!text) { say("There is no question to read yet.", true); return; }
    if (!window.speechSynthesis || !voices().length) {
      say("This system has no voice for reading aloud, so the question is shown only as text.", false);
      return;
    }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    var english = voices().filter(function (v) { return /^en/i.test(v.lang); });
    if (english.length) utterance.voice = english[0];
    utterance.onend = function () { say("", false); };
    say("Reading the question aloud…", false);
    window.speechSynthesis.speak(utterance);
  }
  readButton.addEventListener("click", readAloud);
  // Browsers load their voices a moment after the page: ask early so the first click finds them.
  if (window.speechSynthesis) {
    voices();
    if (window.speechSynthesis.addEventListener) {
      window.speechSynthesis.addEventListener("voiceschanged", voices);
    }
  }
  if (!window.speechSynthesis) {
    readButton.disabled = true;
    readButton.title = "This browser cannot read aloud";
  }
})();
