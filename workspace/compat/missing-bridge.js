// Stands in for a bridge base class an older engine doesn't ship (1.55 has no ExperimentalBridge). That engine
// never asks for the bridge, so a bare base class will do. jest.config.js and scripts/lib/build-cli.js send
// imports of engine files the selected engine lacks here (see engineCompat in workspace/engine-compat.js).
class ExperimentalBridge {}
module.exports = { ExperimentalBridge };
