export { translateTeamsAttendanceReport } from './translate-report';
