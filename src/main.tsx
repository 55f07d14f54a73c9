import { App } from './ui/App';
import { installTestApi } from './ui/test-api';
import { mountPage } from './ui/mount-page';
import { logRunsWarnings } from './state/run/run-store';

logRunsWarnings();
installTestApi();
mountPage(<App />, 'index.html');
