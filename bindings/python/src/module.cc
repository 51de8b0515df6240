// kvetch._core: the private extension. Declares the module and nothing else;
// each bind_<unit>.cc translates one unit's types.
#include "bind.h"

PYBIND11_MODULE(_core, m) {
  m.doc() = "kvetch private extension; use the kvetch package instead.";
  kvetch::python::InitErrors(m);
  kvetch::python::InitText(m);
  kvetch::python::InitPii(m);
  kvetch::python::InitLangid(m);
  kvetch::python::InitEmotion(m);
  kvetch::python::InitAnalyzer(m);
  kvetch::python::InitSignals(m);
  kvetch::python::InitEmbed(m);
}
