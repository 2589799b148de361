// Runs the stii CLI from the sources (the tests must not depend on a build in dist/).
import { main } from "../../src/cli/main";
main(process.argv.slice(2));
