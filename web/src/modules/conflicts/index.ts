export { ConflictPanel, type ConflictInfo } from './components/ConflictPanel';
