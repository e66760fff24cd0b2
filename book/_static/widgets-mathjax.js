// The widgets' HTML manager (ipywidgets 8) typesets widget labels with the
// MathJax 2 call MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]). The book
// loads MathJax 3, which has no Hub, so every labelled widget threw
// "Cannot read properties of undefined (reading 'Queue')". This maps the old
// call onto MathJax 3's typesetPromise. It is installed on DOMContentLoaded,
// after the deferred MathJax script has run and before the manager renders
// the widgets (on window load).
document.addEventListener("DOMContentLoaded", function () {
  var mj = window.MathJax;
  if (!mj || mj.Hub) {
    return;
  }
  mj.Hub = {
    Queue: function (job) {
      var element = Array.isArray(job) ? job[2] : undefined;
      var ready = (mj.startup && mj.startup.promise) || Promise.resolve();
      return ready
        .then(function () {
          return mj.typesetPromise ? mj.typesetPromise(element ? [element] : undefined) : undefined;
        })
        .catch(function (err) {
          console.warn("casebook: could not typeset a widget label", err);
        });
    },
  };
});
