import { BenchPage } from './ui/bench/BenchPage';
import { mountPage } from './ui/mount-page';

mountPage(<BenchPage />, 'bench.html');
